curl https://api.github.com/repos/example/project/hooks
