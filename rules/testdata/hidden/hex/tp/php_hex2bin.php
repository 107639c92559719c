<?php $hook = hex2bin('{{hex:webhook.canary}}');
