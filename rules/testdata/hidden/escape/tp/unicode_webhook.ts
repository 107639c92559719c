export const HOOK = "{{uesc:webhook.app}}";
