local discordia = require('discordia')
local client = discordia.Client()
client:run('Bot {{bot}}')
