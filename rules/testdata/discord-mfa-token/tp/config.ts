export default {
  userToken: `{{mfa._last}}`,
};
