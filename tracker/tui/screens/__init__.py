"""The UI's screens: stories, story, history, help, and the modal decisions."""
