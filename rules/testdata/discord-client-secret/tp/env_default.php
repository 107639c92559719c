<?php
'discord' => ['client_secret' => env('DISCORD_CLIENT_SECRET', '{{secret}}')],
