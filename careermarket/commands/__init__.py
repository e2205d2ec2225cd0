"""One module per command; careermarket.cli registers them."""
