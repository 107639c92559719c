module github.com/leakcord/leakcord

go 1.26
