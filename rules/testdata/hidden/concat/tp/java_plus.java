String token = "{{bot@t[0:35]}}"
    + "{{@t[35:]}}";
