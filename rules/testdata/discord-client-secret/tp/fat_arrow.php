<?php $provider = new \Wohali\OAuth2\Client\Provider\Discord(['clientSecret' => '{{secret.alnum}}']);
