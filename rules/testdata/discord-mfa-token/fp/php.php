<?php $this->mfa->verify($request->input('code'));
