"""Writing the site atomically, and checking a written site as a host would serve it."""
