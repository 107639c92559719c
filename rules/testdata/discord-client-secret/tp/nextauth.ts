import DiscordProvider from "next-auth/providers/discord";

export const authOptions = {
  providers: [
    DiscordProvider({
      clientId: "{{fake.id}}",
      clientSecret: "{{secret.-first}}",
    }),
  ],
};
