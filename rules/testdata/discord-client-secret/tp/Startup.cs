services.AddAuthentication().AddDiscord(options =>
{
    options.ClientId = "{{fake.id}}";
    options.ClientSecret = "{{secret._first}}";
});
