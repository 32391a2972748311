window.pwned = true;
