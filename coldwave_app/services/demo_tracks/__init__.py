"""The tracks of the demo season (services.demo_campaign): people, shelter, outreach
and cases, each played on a simulated calendar through the app's services."""
