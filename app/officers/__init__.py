"""Officers: accounts with argon2id passwords, signing in with throttling, approvals.

- ``identity``: who (login, name on papers, role);
- ``passwords``: hashing and the rule for a new password;
- ``accounts``: adding, disabling, resetting, listing, changing one's own password;
- ``throttle``: how long the next attempt waits after failed ones;
- ``sign_in``: checking a password at this counter (the window and the commands),
  recorded in the audit trail, and a supervisor's approval of one action.
"""
