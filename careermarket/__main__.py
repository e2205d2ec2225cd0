from careermarket.cli import app

app(prog_name="careermarket")
