using Discord;
using Discord.WebSocket;

public class Program
{
    public static async Task Main()
    {
        var client = new DiscordSocketClient();
        await client.LoginAsync(TokenType.Bot, "{{bot.legacy2020}}");
        await client.StartAsync();
        await Task.Delay(-1);
    }
}
