<?php
$url = "{{webhook.www}}";
file_get_contents($url, false, stream_context_create(['http' => ['method' => 'POST']]));
