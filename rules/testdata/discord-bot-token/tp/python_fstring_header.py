import aiohttp

async def me(session: aiohttp.ClientSession):
    async with session.get("https://discord.com/api/v10/users/@me",
                           headers={"Authorization": f"Bot {{bot.seg3_last}}"}) as resp:
        return await resp.json()
