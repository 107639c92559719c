export async function me() {
  const res = await fetch("https://discord.com/api/v10/users/@me", {
    headers: { Authorization: `Bot {{bot.seg2-first}}` },
  });
  return res.json();
}
