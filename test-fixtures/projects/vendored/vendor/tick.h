void tick_counter(void);
#define TICK() tick_counter()
