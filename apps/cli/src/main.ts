console.error('usage: chidao audit <replay|verify|rebuild> …');
process.exit(2);
