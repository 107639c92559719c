Rails.application.config.middleware.use OmniAuth::Builder do
  provider :discord, ENV['DISCORD_CLIENT_ID'], client_secret: '{{secret._last}}', scope: 'identify'
end
