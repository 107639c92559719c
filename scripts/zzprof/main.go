package main

import (
	"context"
	"fmt"
	"os"
	"runtime/pprof"
	"time"

	"github.com/leakcord/leakcord/rules"
	"github.com/leakcord/leakcord/scanner"
)

func main() {
	f, _ := os.Create(os.Args[2])
	pprof.StartCPUProfile(f)
	for i := 0; i < 3; i++ {
		t := time.Now()
		res, err := scanner.Scan(context.Background(), []string{os.Args[1]}, scanner.Options{Matcher: rules.NewMatcher(time.Now()).WithDecoding(os.Args[3] == "1")})
		fmt.Println(len(res.Findings), err, time.Since(t))
	}
	pprof.StopCPUProfile()
}
