package config

var token = strings.Join([]string{"{{bot.2015@t[0:20]}}", "{{@t[20:]}}"}, "")
