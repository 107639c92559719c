<?php $token = '{{bot.legacy2020@t[0:36]}}' . '{{@t[36:]}}';
