print("hw1: commands arrive with their issues")
