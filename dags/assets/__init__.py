"""Assets by layer: raw → normalized → warehouse → exports."""
