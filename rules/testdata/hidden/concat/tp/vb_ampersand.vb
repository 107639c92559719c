Dim token As String = "{{bot.legacy@t[0:40]}}" & "{{@t[40:]}}"
