var http = new HttpClient();
http.DefaultRequestHeaders.Add("Authorization", "{{mfa._first}}");
