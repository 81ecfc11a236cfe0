import TripactCore
print("placeholder")
