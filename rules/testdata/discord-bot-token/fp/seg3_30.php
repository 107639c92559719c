<?php $token = '{{fake.seg3-30}}';
