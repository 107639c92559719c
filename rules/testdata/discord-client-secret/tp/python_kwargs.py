import discord_oauth2

client = discord_oauth2.Client(client_id={{fake.id}}, client_secret="{{secret.-last}}")
