# discord
CLIENT_SECRET = "abcdefghijklmnopqrstuvwxyz123456"
