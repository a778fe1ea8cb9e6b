print("hw1-bench: benchmarks arrive with their issues")
