// test bridge script
