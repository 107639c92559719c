(def token "{{bot.2015cur}}")
(connect! (bot-config token))
