void main() async {
  final client = await Nyxx.connectGateway('{{bot.new18}}', GatewayIntents.allUnprivileged);
  print(client.user);
}
