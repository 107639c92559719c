<?php $token = strrev('{{rev:bot.2021}}');
