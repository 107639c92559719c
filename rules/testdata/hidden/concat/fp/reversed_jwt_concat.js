const x = "{{fake.revjwt@r[0:40]}}" + "{{@r[40:]}}";
