TOKEN = (r"{{bot@t[0:40]}}"
         Rf"{{@t[40:]}}")
