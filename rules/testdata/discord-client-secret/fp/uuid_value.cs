// discord
var clientSecret = "{{fake.uuid}}";
