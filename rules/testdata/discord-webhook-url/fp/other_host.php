<?php $hook = '{{fake.webhookhost}}';
