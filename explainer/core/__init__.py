"""The foundation every layer stands on: diagnostics, partial dates, parallel work, the build lock, build options."""
