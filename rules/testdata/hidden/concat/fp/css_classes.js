const cls = "btn " + "btn-primary " + "discord-login-button " + "is-large " + "has-icon-left " + "mt-4";
