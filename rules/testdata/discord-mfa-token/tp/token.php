<?php
define('DISCORD_USER_TOKEN', '{{mfa}}');
