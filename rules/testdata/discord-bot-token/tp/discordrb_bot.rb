require 'discordrb'

bot = Discordrb::Bot.new token: '{{bot.2015}}'
bot.message(content: 'Ping!') { |event| event.respond 'Pong!' }
bot.run
