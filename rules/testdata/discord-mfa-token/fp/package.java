package com.example.auth.mfa.webauthn;

import com.example.auth.mfa.TotpVerifier;
