package config

var token = `{{bot@t[0:40]}}` + `{{@t[40:]}}`
