bot = Discordrb::Bot.new(token: "{{mfa}}", type: :user)
