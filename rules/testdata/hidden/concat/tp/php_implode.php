<?php $token = implode('', ['{{bot@t[0:12]}}', '{{@t[12:]}}']);
