package main

import (
	"log"

	"github.com/bwmarrin/discordgo"
)

func main() {
	dg, err := discordgo.New("Bot {{bot.2016}}")
	if err != nil {
		log.Fatal(err)
	}
	defer dg.Close()
}
