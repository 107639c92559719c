<?php $t = strrev('{{rev:fake.zeroid}}');
